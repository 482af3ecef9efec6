export { CODE_LABS, type CodeLab } from './workshop/code-labs';
export { editState } from './workshop/edits';
export { NAIVE_POLICIES, PIPELINE_LABS, type PipelineLab, SHIPPED_POLICIES, SILENT_FILTER } from './workshop/pipeline-labs';
