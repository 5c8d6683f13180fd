"""Local stand-ins for the external APIs, for tests and the demo. Never imported by production code."""
