import { Module } from '@nestjs/common';
import { ConsoleHttpController } from './console.http.controller';

/** Serves the workshop console at GET /console; the data comes from the admin API. */
@Module({ controllers: [ConsoleHttpController] })
export class ConsoleModule {}
