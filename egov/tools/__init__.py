"""Tools around the platform, never imported by it: synthetic data, the demo province."""
