export { seedDemo, DEMO_PASSWORD, type DemoSeedResult } from './seed-demo.js';
