"""Framework-free helpers: environment, HTTP, money, crypto. No models, no views."""
