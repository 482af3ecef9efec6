import { Module } from '@nestjs/common';
import { RiskGrpcController } from './risk.grpc.controller';
import { RiskFaults } from './risk-faults';
import { RiskIndex } from './risk-index';
import { RiskSeeder } from './risk-seeder';
import { RiskService } from './risk.service';

@Module({ controllers: [RiskGrpcController], providers: [RiskService, RiskSeeder, RiskIndex, RiskFaults] })
export class RiskModule {}
