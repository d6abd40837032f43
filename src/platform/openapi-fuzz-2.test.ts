// Hostile input on every operation of the OpenAPI document, second of two parts (tests/fuzz-suite.ts).
import { fuzzShard } from '../../tests/fuzz-suite';

fuzzShard(1, 2);
