CREATE INDEX `packages_owner_updated` ON `packages` (`owner_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `packages_owner_created` ON `packages` (`owner_id`,`created_at`,`id`);