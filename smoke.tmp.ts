import { hostileCorpus } from './test/workbook/package/hostile';
const orig = Date.now;
(async () => { const t = performance.now(); const c = await hostileCorpus(); console.log(Math.round(performance.now() - t), c.length); })();
