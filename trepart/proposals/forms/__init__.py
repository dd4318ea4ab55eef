"""The proposals app's forms, by topic: ``submit`` (sending a proposal), ``handling`` (the
steps on one proposal), ``lists`` (the list's filters, the figures' period) and ``routing``
(one rule of the routing table). They check the shape of input; the services the rules."""
