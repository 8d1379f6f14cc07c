"""ONNX test models for Tessera's importer, built without torch.

Use the CLI (``python test/models/build_models.py --help``) or, from Python
with this directory's parent on sys.path, ``models.build_models.build(name)``.
"""
