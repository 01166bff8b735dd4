"""Views of results for people: a self-contained HTML page per document
(:mod:`.page`) and the happenings on a timeline (:mod:`.timeline`, extra ``view``)."""
