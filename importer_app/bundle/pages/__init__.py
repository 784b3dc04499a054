"""The pages the bundle generates itself.

Every generator takes ``(case, report, catalog, plan, options)`` and returns a
``GeneratedSection``; the assembly binds them in the order of ``section_titles(regime)``. The
evidence response also takes ``screening=`` (the case's list screening) and then ends with the
screening record (``screening_record.py``).

The package imports none of its modules: the cover letter and summary read the claims ledger,
whose conditions use the pages' helpers (``facts``, ``words``), so a package that loaded every
page would make an import cycle. Import each generator from its module.
"""
