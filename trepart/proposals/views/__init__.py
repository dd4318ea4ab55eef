"""Pages for proposals: submitting and following (``submit``), lists, inbox and figures
(``lists``), handling one proposal (``handling``), and the routing table
(``routing_table``)."""
