// Hostile input on every operation of the OpenAPI document, first of two parts (tests/fuzz-suite.ts).
import { fuzzShard } from '../../tests/fuzz-suite';

fuzzShard(0, 2);
