"""A bank on loopback for the demo: VNPAY's protocol, played by this server."""
