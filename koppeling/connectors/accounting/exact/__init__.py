"""Exact Online as accounting target. See docs/connectors/exact.md.

`fixtures/` holds the sample request body and error answer of the API fact sheet (constructed from
public client libraries, not verbatim Exact examples), used as test data.
"""
