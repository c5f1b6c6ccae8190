import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../session';

/** Sign-in with login name and password; the hub answers with an HttpOnly session cookie. */
export function LoginPage({ notice }: { notice?: string }) {
  const { signIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { login: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      setError(await signIn(v.login.trim(), v.password));
    } catch {
      setError('无法连接平台，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="hub-login">
      <Card className="hub-login-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>巡察数据共享平台</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>巡察办、巡察组、协查单位与平台管理员登录</Typography.Paragraph>
        {notice && !error && <Alert type="info" showIcon message={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="登录名" name="login" rules={[{ required: true, message: '请输入登录名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          连续输错密码将锁定账号；忘记密码请联系平台管理员重置。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
