"""The services every front end calls on a whole case: moving files in (``intake``), case
descriptions in and out (``description``), and a case loaded, screened and checked in one call
(``check``)."""
