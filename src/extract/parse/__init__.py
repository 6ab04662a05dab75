"""Source files to Documents: reading, decoding, format-specific text extraction."""
