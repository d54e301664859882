"""The site's build steps, run the same way by every engine (MkDocs, ProperDocs, Zensical).

`prebuild` writes every generated input before an engine runs; `postbuild SITE` finishes an
engine's output; `check` says whether any generated file is stale. The command line is
scripts/build.py; the MkDocs hook calls the same functions.
"""
