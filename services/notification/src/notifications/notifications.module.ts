import { Module } from '@nestjs/common';
import { NotificationsEventsController } from './notifications.events.controller';
import { NotificationsService } from './notifications.service';

@Module({ providers: [NotificationsService, NotificationsEventsController] })
export class NotificationsModule {}
