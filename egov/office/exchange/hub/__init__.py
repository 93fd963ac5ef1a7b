"""The platform's own exchange hub: a store-and-forward mailbox per agency over HTTP.

A deployment that runs it (EXCHANGE_HUB_CLIENTS set) takes edXML messages
from the client deployments (`POST .../hub/messages`), keeps each under its
consignment id once (a second submit answers the `duplicate` fault, which the
sender counts as delivered), and hands them to the addressee's deployment,
which fetches its agencies' pending messages in the order they came and
acknowledges each. See docs/exchange.md.
"""
