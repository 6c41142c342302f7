"""The vocabularies of Meldpunt: the single source of every enumeration (pure, no Django).

Forms, API enums, exports and statistics read their choices from the YAML files in `data/`, so a
term added there appears everywhere at once and nothing can drift between the surfaces.
"""

from meldpunt.vocab.loader import Term, Vocabulary, concept, concepts, ids

__all__ = ["Term", "Vocabulary", "concept", "concepts", "ids"]
