"""VNPAY's payment gateway (Cổng thanh toán VNPAY), protocol version 2.1.0."""
