CREATE TABLE `alert_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alert_id` text NOT NULL,
	`notification_id` text NOT NULL,
	`event` text NOT NULL,
	`target` text NOT NULL,
	`destination` text NOT NULL,
	`attempt` integer NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`due_at` integer NOT NULL,
	`attempted_at` integer,
	`status_code` integer,
	`error` text,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alert_deliveries_alert` ON `alert_deliveries` (`alert_id`,`id`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_due` ON `alert_deliveries` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`query` text,
	`min_level` integer NOT NULL,
	`context_id` text,
	`threshold` integer NOT NULL,
	`window_minutes` integer NOT NULL,
	`notify_email` integer NOT NULL,
	`webhook_url` text,
	`webhook_secret` text NOT NULL,
	`state` text NOT NULL,
	`state_changed_at` integer,
	`last_evaluated_at` integer,
	`last_count` integer,
	`last_notification_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`context_id`) REFERENCES `contexts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "alerts_state" CHECK("alerts"."state" IN ('ok', 'firing'))
);
--> statement-breakpoint
CREATE INDEX `alerts_owner` ON `alerts` (`owner_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `job_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
