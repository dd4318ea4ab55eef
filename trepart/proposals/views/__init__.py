"""Pages for proposals: submitting and following (``submit``), handling (``handling``)."""
