export { CODE_LABS, type CodeLab } from './workshop/code-labs';
export { editState } from './workshop/edits';
