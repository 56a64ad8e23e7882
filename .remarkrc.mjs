// The link check of `npm run lint`: remark-validate-links checks, offline, that every relative link,
// image and heading anchor of the Markdown pages points at a file and a heading that exist. Links
// written as this repository's GitHub URLs (https://github.com/<owner>/<name>/blob/main/<path>) are
// checked as local files too; links to other sites are not fetched.
import { readFileSync } from 'node:fs';
import remarkValidateLinks from 'remark-validate-links';

const { repository } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default {
	// `root: '.'`: the folder remark runs in, so no `git remote` is needed (a fresh clone in CI or a
	// worktree may have no `origin`).
	plugins: [[remarkValidateLinks, { repository: repository.url, root: '.' }]],
};
