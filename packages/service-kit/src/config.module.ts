import { type DynamicModule, Global, Module } from '@nestjs/common';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Makes the config validated at start-up injectable everywhere as APP_CONFIG. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot<T>(config: T): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
