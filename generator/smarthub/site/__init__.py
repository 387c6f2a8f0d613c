"""The hub's website: generated pages, term links and tooltips, and the thin MkDocs plugin.

Page generation (``pages``) and the link policy (``linking``) depend on the hub model only;
``extension`` applies the policy to Python-Markdown's element tree, ``bake`` to Markdown
source (for ``smarthub stage``), and ``plugin`` adapts all of it to MkDocs.
"""
