ALTER TABLE `contexts` ADD `name` text;--> statement-breakpoint
ALTER TABLE `contexts` ADD `labels_json` text;--> statement-breakpoint
ALTER TABLE `contexts` ADD `runtime_name` text;--> statement-breakpoint
ALTER TABLE `contexts` ADD `runtime_version` text;--> statement-breakpoint
ALTER TABLE `contexts` ADD `host` text;--> statement-breakpoint
ALTER TABLE `contexts` ADD `otel_resource` text;--> statement-breakpoint
CREATE UNIQUE INDEX `contexts_owner_otel_resource` ON `contexts` (`owner_id`,`otel_resource`);