"""Customer search by word: every word of a customer's name and email, indexed by its start.

A customer is found by the start of any word of their name or email address ("okafor" finds
Emma Okafor, "exam" finds every address at example.com, "jo smi" finds John Smith): a table of
words, `customer_search_token`, one row per customer and word, keyed by (token, customer_id),
filled from the same function wherever a name or an email is written, and read as a key range
(`token >= 'oka' AND token < 'oka\U0010ffff'`). Each row also holds all of the customer's words
(`all_tokens`, " emma okafor shop "), so a search of several words reads the range of one of
them and checks the others in the same rows (`INSTR(all_tokens, ' emm')`), and the word before
it (`prev_token`), so the first of a customer's rows in a range is known (`prev_token < 'oka'`)
and a count counts each customer once without a DISTINCT. No row of another table is read to
know who matches: that is what keeps a search of a million customers an index walk.

Why a table of words and not the engines' full-text indexes: InnoDB FULLTEXT and SQLite FTS5
tokenise differently (InnoDB drops words shorter than `innodb_ft_min_token_size`, three by
default and server-wide, and a list of stopwords that holds "com", "de" and "la"; FTS5 keeps
every word), so the same search would find different customers on the two backends, and neither
engine can change that per database. FULLTEXT also returns every match before the list's order
and LIMIT apply, with no plan to read in EXPLAIN. A word table is the same rows on both backends,
tokenised here, once, compared as code points on both (`db.fields.WordField`); its lookups are a
plain primary-key range that both EXPLAINs show, and both backends sort and page its matches like
any other condition (`desktop.core.read.lists` picks the plan by how many match). It costs about
five rows a customer (demo data: 5.25 million rows, 520 MB on MariaDB for a million customers).

Words are what `fold` and `words` make of the text, on both backends alike:

- letter case and accents do not matter: text is case-folded and its accents removed
  ("Müller", "MULLER" and "muller" are one word; "ß" is "ss");
- a word is a run of letters and digits; anything else separates words, except apostrophes,
  which are also dropped inside a word ("O'Brien" is the words "obrien", "o" and "brien");
- an email address gives the words of its local part and of its domain ("ann.lee@acme.co.uk":
  ann, lee, acme, co, uk);
- a word is at most `TOKEN_MAX_CHARS` characters; a longer one is indexed (and searched) by its
  first `TOKEN_MAX_CHARS`.

Keeping the table in sync: `index_customers` replaces the words of the customers it is given, and
every write of a name, an email or `deleted_at` calls it (`Customer.save()`, the service layer's
customer edits, the migration that built the table); the demo generator writes the same
`token_rows` in the chunk that inserts its customers. A soft-deleted customer has no words, so a
search reads the words table alone (and the sort index it pages along), never `deleted_at`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import peewee as pw

TOKEN_MAX_CHARS = 64
ALL_TOKENS_MAX_CHARS = 600  # a name (160) and an email (254) give fewer, with the spaces
TOKEN_TABLE = "customer_search_token"
TOKEN_END = "\U0010ffff"  # sorts after every character: [word, word + TOKEN_END) is its prefixes
SEARCHED_FIELDS = frozenset({"name", "email", "deleted_at"})  # a change of one re-indexes
INDEX_BATCH = 500  # customers per DELETE/INSERT pair in index_customers

_APOSTROPHES = "'\u2019\u02bc`"
_WORD = re.compile(r"[^\W_]+")
_JOINED = re.compile(r"[^\W_]+(?:[" + _APOSTROPHES + r"][^\W_]+)+")


def fold(text: str) -> str:
    """The text as words are compared: case-folded, without accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str | None) -> list[str]:
    """The words of a search text, in order: folded, apostrophes dropped ("o'b" is "ob")."""
    if not text:
        return []
    folded = fold(text)
    for mark in _APOSTROPHES:
        folded = folded.replace(mark, "")
    return [w[:TOKEN_MAX_CHARS] for w in _WORD.findall(folded)]


def tokens(text: str | None) -> set[str]:
    """The words a stored text is found by: its words, and an apostrophe's parts too."""
    if not text:
        return set()
    found = set(words(text))
    for joined in _JOINED.findall(fold(text)):
        found.update(w[:TOKEN_MAX_CHARS] for w in _WORD.findall(joined))
    return found


def customer_tokens(name: str | None, email: str | None) -> list[str]:
    """Every word a customer is found by, sorted: the name's and the email address's."""
    return sorted(tokens(name) | tokens(email))


TokenRow = tuple[str, int, str, str]  # token, customer_id, prev_token, all_tokens


def token_rows(customer_id: int, name: str | None, email: str | None) -> list[TokenRow]:
    """The rows of one customer: each word, the word before it ("" for the first) and all of
    them (" emma okafor shop ", cut after a word at ALL_TOKENS_MAX_CHARS)."""
    found = customer_tokens(name, email)
    joined = " " + " ".join(found) + " "
    if len(joined) > ALL_TOKENS_MAX_CHARS:
        joined = joined[: joined.rindex(" ", 0, ALL_TOKENS_MAX_CHARS) + 1]
    return [
        (token, customer_id, found[i - 1] if i else "", joined) for i, token in enumerate(found)
    ]


def word_range(word: str) -> tuple[str, str]:
    """The token range [low, high) of the words that start with `word` (a folded word)."""
    return word, word + TOKEN_END


def _real(database: Any) -> pw.Database:
    return getattr(database, "obj", None) or database


Searched = tuple[int, str | None, str | None, Any]  # id, name, email, deleted_at


def index_customers(database: pw.Database, customers: Iterable[Searched]) -> int:
    """Make the word table hold exactly these customers' words; (id, name, email, deleted_at)
    each (a soft-deleted customer gets none).

    The one function every write of a customer's name, email or deletion calls, in that
    write's transaction (it opens a nested one of its own). Returns the number of words written.
    """
    db = _real(database)
    q = db.quote[0] + TOKEN_TABLE + db.quote[1]
    param = db.param
    written = 0
    batch: list[Searched] = []

    def flush() -> None:
        nonlocal written
        ids = [customer[0] for customer in batch]
        rows = [
            row
            for cid, name, email, deleted_at in batch
            if deleted_at is None
            for row in token_rows(cid, name, email)
        ]
        marks = ", ".join([param] * len(ids))
        db.execute_sql(f"DELETE FROM {q} WHERE customer_id IN ({marks})", ids)
        if rows:
            cursor = db.cursor()
            try:
                cursor.executemany(
                    f"INSERT INTO {q} (token, customer_id, prev_token, all_tokens)"
                    f" VALUES ({param}, {param}, {param}, {param})",
                    rows,
                )
            finally:
                cursor.close()
        written += len(rows)
        batch.clear()

    with db.atomic():
        for customer in customers:
            batch.append(customer)
            if len(batch) >= INDEX_BATCH:
                flush()
        if batch:
            flush()
    return written


def reindex_customer_ids(database: pw.Database, ids: Sequence[int]) -> int:
    """`index_customers` for customers already stored (after a bulk insert or update)."""
    db = _real(database)
    written = 0
    for start in range(0, len(ids), INDEX_BATCH):
        chunk = list(ids[start : start + INDEX_BATCH])
        marks = ", ".join([db.param] * len(chunk))
        rows = db.execute_sql(
            f"SELECT id, name, email, deleted_at FROM customer WHERE id IN ({marks})", chunk
        ).fetchall()
        written += index_customers(db, [(int(r[0]), r[1], r[2], r[3]) for r in rows])
    return written
