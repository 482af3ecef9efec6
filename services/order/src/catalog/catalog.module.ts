import { Module } from '@nestjs/common';
import { CatalogHttpController } from './catalog.http.controller';

@Module({ controllers: [CatalogHttpController] })
export class CatalogModule {}
