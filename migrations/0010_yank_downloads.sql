CREATE TABLE `version_downloads` (
	`version_id` text NOT NULL,
	`package_id` text NOT NULL,
	`day` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`version_id`, `day`),
	FOREIGN KEY (`version_id`) REFERENCES `package_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `version_downloads_package_day` ON `version_downloads` (`package_id`,`day`);--> statement-breakpoint
ALTER TABLE `package_versions` ADD `yanked_at` integer;--> statement-breakpoint
ALTER TABLE `package_versions` ADD `yank_reason` text;--> statement-breakpoint
ALTER TABLE `packages` ADD `download_count` integer DEFAULT 0 NOT NULL;