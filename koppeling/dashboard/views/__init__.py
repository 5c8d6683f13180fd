"""The dashboard's views, one module per tab or action."""
