-- Memory: what tenants remember, with a lexical index (BM25) and optional embeddings. Written to run unchanged on
-- PostgreSQL and on H2 in PostgreSQL mode.

-- One row per tenant and key. value is the remembered JSON value as JSON text; metadata a JSON object of strings.
-- content_sha256 digests value and metadata; indexed_sha256 and index_version say which content and which tokenizer
-- the postings reflect, embedded_sha256 and embedding_model which content and model the embedding reflects, so the
-- memory refresh can skip what did not change. token_count is the document length BM25 normalises by.
-- embedding is a unit-length float32 vector, little-endian, base64: portable, compact, no vector extension needed.
CREATE TABLE memory_entries (
    tenant          VARCHAR(200) NOT NULL,
    memory_key      VARCHAR(200) NOT NULL,
    value_json      VARCHAR(1048576) NOT NULL,
    metadata_json   VARCHAR(1048576) NOT NULL,
    campaign        VARCHAR(200),
    content_sha256  VARCHAR(64) NOT NULL,
    token_count     INTEGER NOT NULL,
    indexed_sha256  VARCHAR(64),
    index_version   INTEGER NOT NULL,
    embedding       VARCHAR(1048576),
    embedding_model VARCHAR(200),
    embedded_sha256 VARCHAR(64),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, memory_key)
);
CREATE INDEX memory_entries_by_campaign ON memory_entries (tenant, campaign);

-- The inverted index: how often each normalised term occurs in each entry (key, value and metadata). Document
-- frequencies are counted from here per query term, so a search never reads entries that share no term with it.
CREATE TABLE memory_postings (
    tenant         VARCHAR(200) NOT NULL,
    term           VARCHAR(64) NOT NULL,
    memory_key     VARCHAR(200) NOT NULL,
    term_frequency INTEGER NOT NULL,
    PRIMARY KEY (tenant, term, memory_key)
);
CREATE INDEX memory_postings_by_entry ON memory_postings (tenant, memory_key);
