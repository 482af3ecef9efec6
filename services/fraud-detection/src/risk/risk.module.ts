import { Module } from '@nestjs/common';
import { RiskGrpcController } from './risk.grpc.controller';
import { RiskSeeder } from './risk-seeder';
import { RiskService } from './risk.service';

@Module({ controllers: [RiskGrpcController], providers: [RiskService, RiskSeeder] })
export class RiskModule {}
