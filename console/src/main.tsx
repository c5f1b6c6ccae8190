import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { App } from './App';
import { SessionProvider } from './session';
import './styles.css';

dayjs.locale('zh-cn');

/** Fonts the office machines have (no web font is loaded): Windows, macOS, then Linux CJK fonts. */
const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", system-ui, sans-serif';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#a8071a', fontFamily: FONT, borderRadius: 4 } }}>
      <AntApp>
        <HashRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </HashRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
