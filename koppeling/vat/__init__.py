"""VAT knowledge: pure functions, no I/O."""
