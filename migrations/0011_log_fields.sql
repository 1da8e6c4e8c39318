-- Field queries (status:500, duration_ms>250; lib/logs/fields.ts): the top-level scalar fields
-- of each line's metadata, one row per field, kept by the triggers below in the transaction
-- that writes or deletes the line, for every writer. Bounds as in indexedFields: keys of at
-- most 64 characters, text of at most 256, the first 32 such fields of a line.
-- (log_id, key) is the key a walk over lines probes. context_log_fields_text is walked in
-- log_id order for one exact value; context_log_fields_walk in log_id order for one key,
-- testing a prefix or a numeric range on the index entry itself (it covers both values).
CREATE TABLE `context_log_fields` (
	`log_id` integer NOT NULL,
	`key` text NOT NULL,
	`context_id` text NOT NULL,
	`value_text` text NOT NULL,
	`value_num` real,
	PRIMARY KEY (`log_id`, `key`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `context_log_fields_text` ON `context_log_fields` (`context_id`, `key`, `value_text`, `log_id`);
--> statement-breakpoint
CREATE INDEX `context_log_fields_walk` ON `context_log_fields` (`context_id`, `key`, `log_id`, `value_num`, `value_text`);
--> statement-breakpoint
CREATE TRIGGER `context_log_fields_insert` AFTER INSERT ON `context_logs`
WHEN CASE WHEN json_valid(new.metadata_json) THEN json_type(new.metadata_json) = 'object' ELSE 0 END BEGIN
	INSERT OR IGNORE INTO `context_log_fields` (log_id, key, context_id, value_text, value_num)
	SELECT new.id, j.key, new.context_id,
		CASE j.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(j.atom AS TEXT) END,
		CASE WHEN j.type IN ('integer', 'real') THEN j.atom END
	FROM json_each(new.metadata_json) j
	WHERE j.type IN ('text', 'integer', 'real', 'true', 'false') AND length(j.key) <= 64
		AND (j.type <> 'text' OR length(j.atom) <= 256)
	LIMIT 32;
END;
--> statement-breakpoint
CREATE TRIGGER `context_log_fields_delete` AFTER DELETE ON `context_logs`
WHEN old.metadata_json IS NOT NULL BEGIN
	DELETE FROM `context_log_fields` WHERE log_id = old.id;
END;
--> statement-breakpoint
INSERT OR IGNORE INTO `context_log_fields` (log_id, key, context_id, value_text, value_num)
SELECT id, key, context_id, value_text, value_num FROM (
	SELECT l.id, j.key, l.context_id,
		CASE j.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(j.atom AS TEXT) END AS value_text,
		CASE WHEN j.type IN ('integer', 'real') THEN j.atom END AS value_num,
		row_number() OVER (PARTITION BY l.id ORDER BY j.id) AS n
	FROM context_logs l, json_each(l.metadata_json) j
	WHERE CASE WHEN json_valid(l.metadata_json) THEN json_type(l.metadata_json) = 'object' ELSE 0 END
		AND j.type IN ('text', 'integer', 'real', 'true', 'false') AND length(j.key) <= 64
		AND (j.type <> 'text' OR length(j.atom) <= 256)
) WHERE n <= 32;
--> statement-breakpoint
-- Line ids for a log store outside libSQL (ClickHouse, lib/logs/clickhouse): one counter, so
-- ids stay unique and in arrival order across instances, and fit the API's cursors.
CREATE TABLE `log_id_sequence` (
	`name` text PRIMARY KEY NOT NULL,
	`next_id` integer NOT NULL
);
