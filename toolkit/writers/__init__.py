"""Writers turn a document tree into bytes of one format."""
