"""The floor under the domain apps: plumbing every app shares (text, CSV, formatting …)."""
