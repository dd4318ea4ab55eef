"""The document library: the cooperation's documents as versioned records."""
