"""The catalogue's search: what a query means (query.py), the words the catalogue holds
(vocabulary.py), ranked lexical matching in the database (lexical.py), sentence embeddings
(semantic.py), and how the two rankings become one result list (engine.py)."""

# The core.cache generation of everything a search's result list depends on (catalogue/apps.py).
CATALOGUE_CACHE = "catalogue"
