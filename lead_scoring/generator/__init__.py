"""Generate realistic synthetic raw data for the lead-scoring warehouse (SPEC §1, §7, §8).

Writes the 9 raw tables as ``<table>.csv`` (or ``.parquet``) with exactly the contract columns
(read from the dbt sources YAML). All values are written as text, as an EL tool lands them:
timestamps ``YYYY-MM-DD HH:MM:SS`` (UTC), dates ``YYYY-MM-DD``, booleans ``true``/``false``;
an empty field is a null.

What the data holds:

* companies with believable industries, countries and sizes (log-normal employee count,
  revenue correlated with size and industry); contacts with job titles, departments, education
  levels, lead sources, budget and purchase timeline; several CRM versions of some companies,
  contacts and deals (same key, later ``updated_at`` wins);
* web sessions on https://www.example-saas.com (query strings, fragments, trailing slashes and
  mixed case in URLs), anonymous before the visitor is identified in ``web_identities``, some
  visitors never identified, a few anonymous ids identified as two contacts, purely anonymous
  visitors and bot traffic; about 30 % of sessions land with UTM tags (paid search
  ``cpc/google|bing``, paid and organic social on LinkedIn, Facebook and Twitter, e-mail links,
  referrals, each with a utm_campaign) on their first event, the rest without;
* e-mail campaigns of every type with sent/open/click/reply/bounce/unsubscribe events, form
  submissions of every type (some without contact_id, the e-mail in another letter case),
  event registrations with attendance and minutes, and deals (open/won/lost).

Deals follow a hidden propensity: fit (industry, size, seniority, not a student, not a
competitor, budget, timeline, lead source) and interest (a buying surge of pricing/demo page
views, demo requests, webinars in the weeks before the deal), so a good scoring model can predict
them.

``--dirty-share`` adds that share of dirty rows to every table (copies of real rows with one
defect each, so the clean data stays whole): missing keys, null, unparsable and far-future
timestamps, unknown types, references to contacts that do not exist, duplicate ids, stale and
duplicate CRM versions. With ``--dirty-share 0`` no dirty row is written.

Generation is vectorized with numpy, in fixed chunks of contacts appended to the output files;
the same seed and options give byte-identical files.

Example:
    python scripts/generate_data.py --out data/demo --contacts 2000 --seed 42

The generator writes files. With ``--load`` (or ``--target TARGET``, which implies it) it then
loads them into the raw schema of that warehouse target with the loader (``lead_scoring.load``,
the code of ``scripts/load_raw.py``: same checks, same rules), e.g.:
    python scripts/generate_data.py --out data/demo --target postgres

Modules: ``vocabulary`` (the vocabularies), ``arrays`` (numpy/pyarrow helpers), ``writers``
(CSV/parquet output), ``dirty`` (dirty-row injection), one module per source (``crm``,
``emails``, ``events``, ``forms``, ``web``, ``deals``), ``core`` (options, shared state, the chunk
of contacts, the run) and ``cli`` (the command line).
"""

from lead_scoring.generator.cli import build_parser, main
from lead_scoring.generator.core import Generator, Options

__all__ = ["Generator", "Options", "build_parser", "main"]
