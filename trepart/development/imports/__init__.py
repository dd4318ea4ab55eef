"""CSV imports of the development work: parse, check every row, then write all or nothing."""
