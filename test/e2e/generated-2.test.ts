import { generatedCases } from '../support/generated-cases.js';
import { describeGeneratedProject } from '../support/generated-project.js';

// Half of the cases (the other half is in generated-1.test.ts): two files run side by side.
for (const generated of generatedCases.filter((_, index) => index % 2 === 1)) describeGeneratedProject(generated);
