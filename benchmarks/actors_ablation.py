"""Persons and parties F1 with and without the person knowledge base, role resolution
and linking (issue 3 before/after): python benchmarks/actors_ablation.py GOLD [GOLD...]"""
import sys
from diplo_extract import Extractor
from diplo_extract.evaluation import load_gold, score

def run(ex, gold):
    preds = [r.model_dump(mode="json") for r in ex.extract_many({"id": g["id"], "text": g["text"], "published": g.get("published")} for g in gold)]
    rep = score(gold, preds)
    d = rep.to_dict(details=False)
    return {k: round(d["roles"][k]["f1"], 3) for k in ("persons", "parties")}, round(d["events"]["f1"], 3), round(d["arguments"]["f1"], 3)

for path in sys.argv[1:]:
    gold = load_gold(path)
    before = Extractor(); before.kb.persons.clear(); before.__dict__["_roles"] = lambda *a, **k: []
    print(path, "without person KB/roles/linking:", run(before, gold))
    print(path, "with:", run(Extractor(), gold))
