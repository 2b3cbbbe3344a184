-- The instrument a directional agent trades (the directional-stack brain); funding agents keep the default.
ALTER TABLE agent_configs ADD COLUMN asset VARCHAR(16) DEFAULT 'BTC' NOT NULL;
