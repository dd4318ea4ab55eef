"""Routing: which body handles a new proposal, and why, in one place.

The rule end to end:

- **The table.** Each municipality has a routing table of ``RoutingRule`` rows. A row has
  conditions (where the proposal comes from, how many units it concerns, whether it needs
  money, whether service users are affected; each may be "any") and an effect: ROUTE
  (send it to a body of a kind, a named body, or the LMU of the unit it concerns,
  optionally after a recommendation from a body of another kind) or SERVICE_USERS (the
  handling body then needs a service-user member before it decides).
- **The matching** (``match``, pure): rules are tried by priority, then id; the first
  matching ROUTE rule says where the proposal goes, and any matching SERVICE_USERS rule
  adds the service-user requirement. ``match.DEFAULT_RULES`` is the sources' table (Øvre
  Eiker) a municipality starts with: money → the tripartite body with a recommendation from
  the coordination group; citizens → the coordination group; several units → the
  coordination group; one unit → that unit's LMU; otherwise the coordination group;
  service users affected → user representatives are brought in.
- **Routing one proposal** (``route.resolve_route``): reads the municipality's active rows
  (seeding the default table first if it never had one), calls ``match.route`` and finds
  the body it names: a unit's LMU is looked for up the unit tree; a kind means the first
  body of that kind. If nothing matched or the body is missing, the proposal goes to the
  coordination group, else the tripartite body; a municipality with neither cannot
  receive proposals yet.
- **Editing the table** (``table``): municipal administrators add, change and delete rows
  through versioned, audited services (``routing_rule_create/update/delete``);
  ``describe_conditions`` and ``describe_effect`` put a row in words for the page. The
  form is ``trepart.proposals.forms.routing``, the page ``views/routing_table.py``.
- **The reason shown.** The ROUTED event stores why as a code and its values (the rule's
  note and priority, a unit without an LMU, no rule matched), worded when read by
  ``trepart.proposals.routing.reasons`` in the reader's language; a default rule's note
  still equal to the seed is shown translated. That module stays outside this package
  because the models word a stored reason with it.
"""
