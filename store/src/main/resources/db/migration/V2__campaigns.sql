-- Campaigns. Written to run unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- One row per campaign whose analytics_tracking ran: the guard that makes campaign_analytics_created_total count
-- each campaign once, across activity retries and worker restarts. The worker exposes the counter from these rows.
CREATE TABLE campaign_analytics (
    campaign_id   VARCHAR(100) PRIMARY KEY,
    tenant        VARCHAR(200) NOT NULL,
    campaign_name VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX campaign_analytics_by_time ON campaign_analytics (created_at);

-- What a campaign produced (content pieces, design assets, pull request and message links, distribution results),
-- keyed so that a retried module records each artifact once. The memory refresh re-indexes these into memory.
CREATE TABLE campaign_artifacts (
    campaign_id   VARCHAR(100) NOT NULL,
    tenant        VARCHAR(200) NOT NULL,
    campaign_name VARCHAR(200) NOT NULL,
    module        VARCHAR(100) NOT NULL,
    name          VARCHAR(200) NOT NULL,
    content       VARCHAR(1048576) NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign_id, module, name)
);
CREATE INDEX campaign_artifacts_by_name ON campaign_artifacts (tenant, campaign_name);

-- Every tool request a campaign made or, in dry-run mode, would have made; keyed by a deterministic request id so
-- a retried activity records it once.
CREATE TABLE tool_requests (
    request_id  VARCHAR(200) PRIMARY KEY,
    tenant      VARCHAR(200) NOT NULL,
    campaign_id VARCHAR(100) NOT NULL,
    tool        VARCHAR(100) NOT NULL,
    action      VARCHAR(200) NOT NULL,
    dry_run     BOOLEAN NOT NULL,
    request     VARCHAR(1048576) NOT NULL,
    response    VARCHAR(1048576),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tool_requests_by_campaign ON tool_requests (campaign_id);
