CREATE TABLE `package_moves` (
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`package_id` text NOT NULL,
	`moved_at` integer NOT NULL,
	PRIMARY KEY(`owner_id`, `name`),
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `package_moves_package` ON `package_moves` (`package_id`);