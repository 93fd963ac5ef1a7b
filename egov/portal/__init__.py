"""The public information portal (Decree 42/2022/NĐ-CP) on Wagtail: the
province's portal and a site per unit (pages), see docs/portal.md.

A fourth domain beside onestop, office and voice: it may import the platform
only, and shows the other domains' content through links and, later, their
interfaces.
"""
