-- A stand-in for a capability whose migration is merged after version 3 was applied.
CREATE TABLE later_capability (id INTEGER PRIMARY KEY)
